import mitt from 'mitt';
import type { Scene } from '~/lib/types';

export interface ChatNote {
  projectId: string;
  text: string;
}

/** What the panels tell each other. */
export type AppEvents = {
  'scene:updated': Scene;
  'chat:note': ChatNote;
};

/** A home-made, app-wide event bus: any panel can emit, any panel can listen. */
export const eventBus = mitt<AppEvents>();
