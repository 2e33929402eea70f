import type { Action, LogStream } from "./types";

export const INIT = "@@INIT";
export const PIPELINE_START = "@@PIPELINE_START";
export const PIPELINE_COMPLETE = "@@PIPELINE_COMPLETE";
export const PIPELINE_FAILED = "@@PIPELINE_FAILED";
export const PIPELINE_CANCELLED = "@@PIPELINE_CANCELLED";
export const PHASE_START = "@@PHASE_START";
export const PHASE_COMPLETE = "@@PHASE_COMPLETE";
export const PHASE_FAILED = "@@PHASE_FAILED";
export const PHASE_SKIPPED = "@@PHASE_SKIPPED";
export const PHASE_RETRY = "@@PHASE_RETRY";
export const PHASE_CANCELLED = "@@PHASE_CANCELLED";
export const PHASE_LOG = "@@PHASE_LOG";
export const PHASE_REUSED = "@@PHASE_REUSED";

export interface PayloadByType {
  [INIT]: undefined;
  [PIPELINE_START]: { at: number };
  [PIPELINE_COMPLETE]: { at: number };
  [PIPELINE_FAILED]: { at: number; error: string };
  [PIPELINE_CANCELLED]: { at: number; reason?: string };
  /** `agent`: which agent took the attempt, when its executor says. */
  [PHASE_START]: { name: string; attempt: number; at: number; agent?: string };
  [PHASE_COMPLETE]: { name: string; at: number };
  /** `stack`: the handler's frames and the error's cause chain, when there are any. */
  [PHASE_FAILED]: { name: string; error: string; stack?: string; at: number };
  [PHASE_SKIPPED]: { name: string; error: string; stack?: string; at: number };
  [PHASE_RETRY]: {
    name: string;
    attempt: number;
    error: string;
    stack?: string;
    delayMs: number;
    at: number;
  };
  [PHASE_CANCELLED]: { name: string; at: number };
  [PHASE_LOG]: { name: string; line: string; stream: LogStream; at: number };
  /** The phase was not run: its value was taken from run `fromRun`, where it completed. */
  [PHASE_REUSED]: { name: string; fromRun: string; at: number };
}

export type PipelineActionType = keyof PayloadByType;

/** Every action the pipeline reducer understands. */
export type PipelineAction = {
  [T in PipelineActionType]: Action<T, PayloadByType[T]>;
}[PipelineActionType];

export const PIPELINE_ACTION_TYPES: readonly PipelineActionType[] = [
  INIT,
  PIPELINE_START,
  PIPELINE_COMPLETE,
  PIPELINE_FAILED,
  PIPELINE_CANCELLED,
  PHASE_START,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_SKIPPED,
  PHASE_RETRY,
  PHASE_CANCELLED,
  PHASE_LOG,
  PHASE_REUSED,
];

/** Actions after which a run can change no more. */
export const TERMINAL_ACTION_TYPES: readonly string[] = [
  PIPELINE_COMPLETE,
  PIPELINE_FAILED,
  PIPELINE_CANCELLED,
];

export function action<T extends PipelineActionType>(
  type: T,
  payload: PayloadByType[T],
): Action<T, PayloadByType[T]> {
  return { type, payload };
}

export function isTerminalAction(action: { type: string }): boolean {
  return TERMINAL_ACTION_TYPES.includes(action.type);
}
