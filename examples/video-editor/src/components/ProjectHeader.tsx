import { useState } from 'react';
import { api } from '~/trpc/react';

/** Project title editing: the project router has nothing to do with scenes. */
export function ProjectHeader({ projectId }: { projectId: string }) {
  const utils = api.useUtils();
  const [editing, setEditing] = useState(false);
  const { data: project } = api.project.getProject.useQuery({ projectId });
  const renameMutation = api.project.renameProject.useMutation({ onSuccess: () => utils.project.getProject.invalidate() });

  if (!editing) {
    return <h1 onDoubleClick={() => setEditing(true)}>{project?.title ?? 'Untitled'}</h1>;
  }
  return (
    <input
      autoFocus
      defaultValue={project?.title}
      onBlur={(event) => {
        setEditing(false);
        renameMutation.mutate({ projectId, title: event.currentTarget.value });
      }}
    />
  );
}
