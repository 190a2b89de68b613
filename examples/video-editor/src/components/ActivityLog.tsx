import { useEffect, useState } from 'react';
import { eventBus, type ChatNote } from '~/lib/event-bus';
import type { Scene } from '~/lib/types';

/** The last few things that happened in the editor, fed by the app's event bus. */
export function ActivityLog({ projectId }: { projectId: string }) {
  const [entries, setEntries] = useState<string[]>([]);
  const [note, setNote] = useState('');

  useEffect(() => {
    const log = (entry: string) => setEntries((previous) => [...previous.slice(-9), entry]);
    const onSceneUpdated = (scene: Scene) => {
      if (scene.projectId === projectId) log(`Saved "${scene.name}" (revision ${scene.revision})`);
    };
    const onChatNote = (chatNote: ChatNote) => {
      if (chatNote.projectId === projectId) log(`Note: ${chatNote.text}`);
    };
    eventBus.on('scene:updated', onSceneUpdated);
    eventBus.on('chat:note', onChatNote);
    return () => {
      eventBus.off('scene:updated', onSceneUpdated);
      eventBus.off('chat:note', onChatNote);
    };
  }, [projectId]);

  function handleNote() {
    if (note.trim() === '') return;
    eventBus.emit('chat:note', { projectId, text: note.trim() });
    setNote('');
  }

  return (
    <aside aria-label="Activity">
      <ol>
        {entries.map((entry, index) => (
          <li key={index}>{entry}</li>
        ))}
      </ol>
      <input value={note} onChange={(event) => setNote(event.currentTarget.value)} />
      <button type="button" onClick={handleNote}>
        Add note
      </button>
    </aside>
  );
}
