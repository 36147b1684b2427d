/**
 * The generator panel's submission in flight and its last outcome, kept apart
 * from any one panel: while Giggle is being asked, the webview may reload or
 * the panel be closed and opened again, and the panel then showing must show
 * the same submission (Submit disabled, "Submitting…") and then its outcome.
 * One submission from the panel at a time, whichever panel sent it.
 */
import type { SubmitResult, Tab } from '../shared/protocol';

export interface PanelRequest {
  requestId: string;
  tab: Tab;
}

export class PanelSubmissions {
  private current: PanelRequest | undefined;
  private last: SubmitResult | undefined;

  get inFlight(): PanelRequest | undefined {
    return this.current;
  }

  get lastResult(): SubmitResult | undefined {
    return this.last;
  }

  /**
   * Runs `submit` unless a submission is in flight (then undefined, nothing
   * run). The result is kept for panels that open (or reload) later.
   */
  async run(request: PanelRequest, submit: () => Promise<SubmitResult>): Promise<SubmitResult | undefined> {
    if (this.current) return undefined;
    // Taken before the first await, so a second message in the same tick finds it.
    this.current = request;
    try {
      this.last = await submit();
      return this.last;
    } finally {
      this.current = undefined;
    }
  }
}
