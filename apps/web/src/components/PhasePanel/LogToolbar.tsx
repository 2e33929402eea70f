import type { LogEntry } from "@milo/contract";

type Stream = LogEntry["stream"];

export interface LogToolbarProps {
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly stream: Stream | undefined;
  readonly onStream: (stream: Stream | undefined) => void;
  /** The phase's whole log as text. */
  readonly downloadUrl: string;
  readonly downloadName: string;
}

const STREAMS: readonly { readonly value: Stream | undefined; readonly label: string }[] = [
  { value: undefined, label: "All" },
  { value: "stdout", label: "stdout" },
  { value: "stderr", label: "stderr" },
];

/** Search, the stream filter and the download of a phase's log. */
export function LogToolbar({
  query,
  onQuery,
  stream,
  onStream,
  downloadUrl,
  downloadName,
}: LogToolbarProps) {
  return (
    <div className="mb-1.5 flex flex-wrap items-center gap-2">
      <input
        type="search"
        data-testid="phase-logs-search"
        aria-label="Search the log"
        placeholder="Search the whole log"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          // Escape clears the search first; the panel closes on the next one.
          if (event.key === "Escape" && query !== "") {
            event.preventDefault();
            onQuery("");
          }
        }}
        maxLength={500}
        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-950"
      />
      {/* biome-ignore lint/a11y/useSemanticElements: a toggle group of buttons, not a form field set */}
      <div
        role="group"
        aria-label="Stream"
        className="flex overflow-hidden rounded-md border border-slate-300 text-xs dark:border-slate-700"
      >
        {STREAMS.map((option) => (
          <button
            key={option.label}
            type="button"
            data-testid={`phase-logs-stream-${option.label.toLowerCase()}`}
            aria-pressed={stream === option.value}
            onClick={() => onStream(option.value)}
            className="px-2 py-1 aria-pressed:bg-slate-800 aria-pressed:text-white dark:aria-pressed:bg-slate-200 dark:aria-pressed:text-slate-900"
          >
            {option.label}
          </button>
        ))}
      </div>
      <a
        href={downloadUrl}
        download={downloadName}
        data-testid="phase-logs-download"
        className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Download
      </a>
    </div>
  );
}
