import { useEffect, useRef } from 'react';
import type { Scene } from '~/lib/types';

/** What the generation stream sends. */
export type SceneStreamEvent =
  | { type: 'scene_created'; scene: Scene }
  | { type: 'scene_updated'; scene: Scene }
  | { type: 'chat_delta'; text: string };

type Listener = (event: MessageEvent<string>) => void;

/**
 * An EventSource look-alike kept in memory, so the example runs without a server.
 * `SceneEventSource.emit(url, event)` plays the server's part.
 */
export class SceneEventSource {
  private static readonly open = new Set<SceneEventSource>();
  private readonly listeners = new Set<Listener>();

  constructor(readonly url: string) {
    SceneEventSource.open.add(this);
  }

  static emit(url: string, event: SceneStreamEvent): void {
    const message = new MessageEvent('message', { data: JSON.stringify(event) });
    for (const source of SceneEventSource.open) {
      if (source.url === url) source.listeners.forEach((listener) => listener(message));
    }
  }

  addEventListener(_type: 'message', listener: Listener): void {
    this.listeners.add(listener);
  }

  close(): void {
    this.listeners.clear();
    SceneEventSource.open.delete(this);
  }
}

export interface SceneStreamOptions {
  projectId: string;
  onSceneCreated?: (scene: Scene) => void;
  onSceneUpdated?: (scene: Scene) => void;
  onChatDelta?: (text: string) => void;
}

export const streamUrl = (projectId: string) => `/api/generate-stream?projectId=${encodeURIComponent(projectId)}`;

/** Subscribes to the project's generation stream while mounted. */
export function useSceneStream(options: SceneStreamOptions): void {
  // Keep the latest callbacks without reconnecting on every render.
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const source = new SceneEventSource(streamUrl(options.projectId));
    source.addEventListener('message', (message) => {
      const event = JSON.parse(message.data) as SceneStreamEvent;
      switch (event.type) {
        case 'scene_created':
          latest.current.onSceneCreated?.(event.scene);
          break;
        case 'scene_updated':
          latest.current.onSceneUpdated?.(event.scene);
          break;
        case 'chat_delta':
          latest.current.onChatDelta?.(event.text);
          break;
      }
    });
    return () => source.close();
  }, [options.projectId]);
}
