/**
 * A small multi-step quick input: each step shows one QuickPick or InputBox
 * with a Back button (from step 2 on) and "step N of M" in the title. Escape
 * cancels the whole flow with no side effects. Modelled on
 * vscode-extension-samples/quickinput-sample/src/multiStepInput.ts.
 */
import * as vscode from 'vscode';

export const BACK = Symbol('back');
export type StepResult<T> = T | typeof BACK | undefined;

export interface StepPosition {
  title: string;
  step: number;
  totalSteps: number;
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/** "Title (2/5)": the flow's title and where this step is in it. */
function stepTitle(position: StepPosition): string {
  return vscode.l10n.t('{0} ({1}/{2})', position.title, position.step, position.totalSteps);
}

export function pickOne<T>(
  position: StepPosition,
  items: PickItem<T>[],
  options: { placeholder: string; activeValue?: T; matchOnDescription?: boolean },
): Promise<StepResult<T>> {
  const pick = vscode.window.createQuickPick<PickItem<T>>();
  pick.title = stepTitle(position);
  pick.placeholder = options.placeholder;
  pick.items = items;
  pick.matchOnDescription = options.matchOnDescription ?? true;
  pick.ignoreFocusOut = true;
  pick.buttons = position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  const active = items.find((item) => item.value === options.activeValue);
  if (active) pick.activeItems = [active];
  return new Promise((resolve) => {
    const disposables: vscode.Disposable[] = [];
    const finish = (result: StepResult<T>) => {
      disposables.forEach((d) => d.dispose());
      pick.dispose();
      resolve(result);
    };
    disposables.push(
      pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(BACK)),
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen) finish(chosen.value);
      }),
      pick.onDidHide(() => finish(undefined)),
    );
    pick.show();
  });
}

export function inputText(
  position: StepPosition,
  options: {
    prompt: string;
    value?: string;
    placeholder?: string;
    password?: boolean;
    /** Returns an error message, or undefined when the value is acceptable. */
    validate: (value: string) => string | undefined;
    /** Shown while typing when valid (e.g. a character count). */
    hint?: (value: string) => string | undefined;
  },
): Promise<StepResult<string>> {
  const box = vscode.window.createInputBox();
  box.title = stepTitle(position);
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.value = options.value ?? '';
  box.password = !!options.password;
  box.ignoreFocusOut = true;
  box.buttons = position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  const refresh = () => {
    const error = options.validate(box.value);
    box.validationMessage = error ? { message: error, severity: vscode.InputBoxValidationSeverity.Error } : undefined;
    if (!error && options.hint) box.prompt = `${options.prompt} ${options.hint(box.value) ?? ''}`.trim();
  };
  return new Promise((resolve) => {
    const disposables: vscode.Disposable[] = [];
    const finish = (result: StepResult<string>) => {
      disposables.forEach((d) => d.dispose());
      box.dispose();
      resolve(result);
    };
    disposables.push(
      box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(BACK)),
      box.onDidChangeValue(refresh),
      box.onDidAccept(() => {
        const error = options.validate(box.value);
        if (error) {
          box.validationMessage = { message: error, severity: vscode.InputBoxValidationSeverity.Error };
          return;
        }
        finish(box.value);
      }),
      box.onDidHide(() => finish(undefined)),
    );
    box.show();
    if (box.value) refresh();
  });
}

/**
 * Runs steps in order; a step returns 'next', 'back' or 'cancel'. Steps may
 * be skipped (return 'skip') depending on earlier answers, and going back
 * skips them again.
 */
export type StepOutcome = 'next' | 'back' | 'cancel' | 'skip';

export async function runSteps(steps: Array<(step: number) => Promise<StepOutcome>>): Promise<boolean> {
  let index = 0;
  let direction: 1 | -1 = 1;
  while (index < steps.length) {
    if (index < 0) return false;
    const outcome = await steps[index](index + 1);
    if (outcome === 'cancel') return false;
    if (outcome === 'skip') {
      index += direction;
      continue;
    }
    direction = outcome === 'back' ? -1 : 1;
    index += direction;
    if (index < 0) index = 0;
  }
  return true;
}

/** Maps a StepResult to an outcome, storing the value when one was chosen. */
export function outcomeOf<T>(result: StepResult<T>, store: (value: T) => void): StepOutcome {
  if (result === undefined) return 'cancel';
  if (result === BACK) return 'back';
  store(result);
  return 'next';
}
