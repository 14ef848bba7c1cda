/**
 * A Prompter that answers from a script instead of a person: answers are queued per prompt id,
 * every message is recorded, and a progress can be told to cancel its token.
 */
import * as vscode from 'vscode';
import type { MessageSeverity, Prompter } from '../../src/ui/prompter';

export interface RecordedMessage {
  severity: MessageSeverity;
  text: string;
  actions: string[];
}

export interface RecordedPrompt {
  id: string;
  kind: 'pick' | 'input';
  /** Labels for a pick, the options for an input box. */
  items?: string[];
  options?: vscode.InputBoxOptions | vscode.QuickPickOptions;
  answered: boolean;
}

/** Picks the first item whose fields include every field given, e.g. `{ method: 'aksk' }`. */
export type PickAnswer = Record<string, unknown> | ((item: vscode.QuickPickItem) => boolean);

type Answer = { kind: 'pick'; match: PickAnswer } | { kind: 'input'; value: string | undefined };

/** Chooses the action to press for a message; undefined dismisses it. */
export type MessageResponder = (message: RecordedMessage) => string | undefined;

export class ScriptedPrompter implements Prompter {
  readonly messages: RecordedMessage[] = [];
  readonly prompts: RecordedPrompt[] = [];
  readonly progressTitles: string[] = [];
  /** Inputs that the box's own validation refused: a person could not have entered them. */
  readonly refusedInputs: { id: string; value: string; reason: string }[] = [];

  private readonly answers = new Map<string, Answer[]>();
  private readonly standing = new Map<string, Answer>();
  private responder: MessageResponder = () => undefined;
  private cancelPlan: (() => Promise<void>) | undefined;

  /** Queues the item to pick the next time prompt `id` shows a quick pick. */
  answerPick(id: string, match: PickAnswer): this {
    return this.enqueue(id, { kind: 'pick', match });
  }

  /** Queues the text to type the next time prompt `id` shows an input box (undefined: Escape). */
  answerInput(id: string, value: string | undefined): this {
    return this.enqueue(id, { kind: 'input', value });
  }

  /** Picks `match` whenever prompt `id` shows up, however often; kept by `clear()`. */
  alwaysPick(id: string, match: PickAnswer): this {
    this.standing.set(id, { kind: 'pick', match });
    return this;
  }

  respondToMessages(responder: MessageResponder): this {
    this.responder = responder;
    return this;
  }

  /** The next progress cancels its token once `when` settles. */
  cancelNextProgress(when: () => Promise<void>): this {
    this.cancelPlan = when;
    return this;
  }

  /** Prompts that arrived with no answer queued: each was treated as the user pressing Escape. */
  unanswered(): string[] {
    return this.prompts.filter((prompt) => !prompt.answered).map((prompt) => prompt.id);
  }

  /** Answers queued by a test but never asked for. */
  pending(): string[] {
    return [...this.answers.entries()].flatMap(([id, queue]) => queue.map(() => id));
  }

  messagesOf(severity: MessageSeverity): RecordedMessage[] {
    return this.messages.filter((message) => message.severity === severity);
  }

  clear(): void {
    this.messages.length = 0;
    this.prompts.length = 0;
    this.progressTitles.length = 0;
    this.refusedInputs.length = 0;
    this.answers.clear();
    this.responder = () => undefined;
    this.cancelPlan = undefined;
  }

  async pick<T extends vscode.QuickPickItem>(
    id: string,
    items: readonly T[],
    options: vscode.QuickPickOptions,
  ): Promise<T | undefined> {
    const answer = this.take(id, 'pick');
    this.prompts.push({
      id,
      kind: 'pick',
      items: items.map((item) => item.label),
      options,
      answered: answer !== undefined,
    });
    if (answer?.kind !== 'pick') {
      return undefined;
    }
    const chosen = items.find((item) => matches(item, answer.match));
    if (!chosen) {
      throw new Error(`Prompt ${id}: no item matches ${JSON.stringify(answer.match)}`);
    }
    return chosen;
  }

  async input(id: string, options: vscode.InputBoxOptions): Promise<string | undefined> {
    const answer = this.take(id, 'input');
    this.prompts.push({ id, kind: 'input', options, answered: answer !== undefined });
    if (answer?.kind !== 'input' || answer.value === undefined) {
      return undefined;
    }
    const reason = await blockingValidation(options, answer.value);
    if (reason !== undefined) {
      this.refusedInputs.push({ id, value: answer.value, reason });
      return undefined;
    }
    return answer.value;
  }

  async message(
    severity: MessageSeverity,
    text: string,
    ...actions: string[]
  ): Promise<string | undefined> {
    const recorded = { severity, text, actions };
    this.messages.push(recorded);
    const action = this.responder(recorded);
    if (action !== undefined && !actions.includes(action)) {
      throw new Error(`Message "${text}" offers no action "${action}"`);
    }
    return action;
  }

  async progress<R>(
    title: string,
    task: (token: vscode.CancellationToken) => Promise<R>,
  ): Promise<R> {
    this.progressTitles.push(title);
    const source = new vscode.CancellationTokenSource();
    const plan = this.cancelPlan;
    this.cancelPlan = undefined;
    if (plan) {
      // A plan that gives up cancels nothing: the test then sees the call complete.
      void plan().then(
        () => source.cancel(),
        () => undefined,
      );
    }
    try {
      return await task(source.token);
    } finally {
      source.dispose();
    }
  }

  private enqueue(id: string, answer: Answer): this {
    const queue = this.answers.get(id) ?? [];
    queue.push(answer);
    this.answers.set(id, queue);
    return this;
  }

  private take(id: string, kind: Answer['kind']): Answer | undefined {
    const queue = this.answers.get(id);
    const next = queue?.[0];
    if (!queue || next?.kind !== kind) {
      const standing = this.standing.get(id);
      return standing?.kind === kind ? standing : undefined;
    }
    queue.shift();
    if (queue.length === 0) {
      this.answers.delete(id);
    }
    return next;
  }
}

function matches(item: vscode.QuickPickItem, match: PickAnswer): boolean {
  if (typeof match === 'function') {
    return match(item);
  }
  const fields = item as unknown as Record<string, unknown>;
  return Object.entries(match).every(([key, value]) => fields[key] === value);
}

/** What the input box would show as an error that blocks Enter, if anything. */
async function blockingValidation(
  options: vscode.InputBoxOptions,
  value: string,
): Promise<string | undefined> {
  const result = await options.validateInput?.(value);
  if (result === undefined || result === null || result === '') {
    return undefined;
  }
  if (typeof result === 'string') {
    return result;
  }
  return result.severity === vscode.InputBoxValidationSeverity.Error ? result.message : undefined;
}
