/** A phase's name in an analysis table: selects the phase (and centers the graph on it). */
export function PhaseButton({
  name,
  onSelect,
}: {
  readonly name: string;
  readonly onSelect: (phase: string) => void;
}) {
  return (
    <button
      type="button"
      onClick={() => onSelect(name)}
      className="max-w-[16rem] truncate font-mono text-sky-700 text-xs hover:underline dark:text-sky-400"
      title={`Show ${name}`}
    >
      {name}
    </button>
  );
}
