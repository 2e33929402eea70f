import { Handle, Position } from "@xyflow/react";

const hiddenHandleClass =
  "!pointer-events-none !min-h-0 !min-w-0 !size-px !border-0 !bg-transparent";

/**
 * Where a node's edges attach (target on the left, source on the right): React Flow needs the
 * handles, but nobody drags edges here, so they are invisible and take no pointer.
 */
export function HiddenHandle({ type }: { readonly type: "source" | "target" }) {
  return (
    <Handle
      type={type}
      position={type === "target" ? Position.Left : Position.Right}
      className={hiddenHandleClass}
      isConnectable={false}
    />
  );
}
