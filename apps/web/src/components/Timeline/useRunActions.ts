import type { RecordedAction } from "@milo/contract";
import { useEffect, useMemo, useRef, useState } from "react";
import { api } from "../../api/api";

/** Actions per request: the most the worker gives in one page. */
const PAGE_SIZE = 10_000;
/** How often a run still under way is checked for actions newer than those loaded. */
const POLL_MS = 1000;

export interface RunActions {
  readonly actions: readonly RecordedAction[];
  /** The last sequence number loaded (0 before anything is). */
  readonly seq: number;
  readonly error: Error | null;
}

const NONE: RunActions = { actions: [], seq: 0, error: null };

/**
 * A run's recorded actions through sequence number `throughSeq`, paged from the worker while
 * `enabled`. As `throughSeq` grows (a run under way), only the newer pages are fetched, at most
 * once a second; a change of `throughSeq` never cancels a request under way. A smaller
 * `throughSeq` (the page shows an earlier moment) gives only the actions up to it.
 */
export function useRunActions(runId: string, enabled: boolean, throughSeq: number): RunActions {
  const [loaded, setLoaded] = useState<RunActions>(NONE);
  const target = useRef(throughSeq);
  target.current = throughSeq;

  useEffect(() => {
    setLoaded(NONE);
    if (!enabled) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let actions: RecordedAction[] = [];
    let seq = 0;
    const pull = async () => {
      try {
        let fetched = false;
        while (seq < target.current) {
          const page = await api.runActions(
            runId,
            { after: seq, limit: PAGE_SIZE },
            controller.signal,
          );
          const last = page.actions.at(-1);
          if (last === undefined) break;
          actions = [...actions, ...page.actions];
          seq = last.seq;
          fetched = true;
        }
        if (fetched) setLoaded({ actions, seq, error: null });
        timer = setTimeout(() => void pull(), POLL_MS);
      } catch (error) {
        if (controller.signal.aborted) return;
        setLoaded({
          actions,
          seq,
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
    };
    void pull();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [runId, enabled]);

  // Travelled back to an earlier moment: only the actions up to it.
  return useMemo(() => {
    if (loaded.seq <= throughSeq) return loaded;
    const end = loaded.actions.findIndex((action) => action.seq > throughSeq);
    return { ...loaded, actions: loaded.actions.slice(0, end), seq: throughSeq };
  }, [loaded, throughSeq]);
}
