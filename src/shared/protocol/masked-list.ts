import type { Route } from './define';

/** One masked value as the in-page list shows it: masked form and context, never the raw value. */
export interface ListEntrySummary {
  id: string;
  /** Detector type or "rule:<id>" (for counts per kind). */
  kind: string;
  kindLabel: string;
  gender: string;
  display: string;
  /** Where the value is: its field label or column header and row ("CPF · linha 500 · ATD-000500"). */
  context: string;
  revealed: boolean;
}

export interface MaskedListProtocol {
  /**
   * The top frame's list asks for the values masked in the tab's other frames
   * (each frame has its own content script). Answered only to the top frame.
   */
  'list/frames': Route<
    Record<string, never>,
    { frames: { frameId: number; entries: ListEntrySummary[] }[] },
    'content'
  >;
  /** The agent chose, in the top frame's list, a value of another frame: start its reveal there. */
  'list/reveal-in-frame': Route<{ frameId: number; id: string }, { started: boolean }, 'content'>;
}
