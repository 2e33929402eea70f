import { useCallback, useState } from "react";
import type { FocusRequest } from "../components/Graph/PipelineGraphView";
import { useSearchParam } from "../router/useSearchParam";

/**
 * The selected phase, kept in the URL (`?phase=`), and the last request to bring a phase into
 * view. Selecting from outside the graph (panel, timeline, search) also centers the graph on it.
 */
export function useFocusedSelection() {
  const [selected, setSelected] = useSearchParam("phase");
  // A phase selected in the URL when the page opens is also brought into view.
  const [focus, setFocus] = useState<FocusRequest | null>(() =>
    selected === null ? null : { phase: selected, nonce: 0 },
  );
  const focusOn = useCallback((phase: string) => {
    setFocus((previous) => ({ phase, nonce: (previous?.nonce ?? 0) + 1 }));
  }, []);
  const selectAndFocus = useCallback(
    (phase: string) => {
      setSelected(phase);
      focusOn(phase);
    },
    [setSelected, focusOn],
  );
  return { selected, setSelected, focus, focusOn, selectAndFocus };
}
