/**
 * Scripted faults (sim/README.md, "Faults"). Rules are matched in the order
 * they were added; latency rules add up and let the request continue, so a
 * slow reply and a 500 can be combined. Everything else ends the match.
 */
import type { FaultKind, FaultRule } from './types';

const KINDS: readonly FaultKind[] = ['latency', 'hold', 'status', 'apiError', 'reset', 'hang', 'malformed', 'missingField', 'stringCode', 'patchData'];

export interface FaultDecision {
  latencyMs: number;
  /** The terminal fault to apply, if any. */
  rule?: FaultRule;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultStore {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule: checkRule(rule), remaining: rule.times ?? Infinity });
  }

  /** Removes every rule, or only those of one kind. */
  clear(kind?: FaultKind): void {
    this.rules = kind ? this.rules.filter((active) => active.rule.kind !== kind) : [];
  }

  list(): FaultRule[] {
    return this.rules.map((active) => active.rule);
  }

  /** Picks (and uses up) the rules that apply to this request. */
  take(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const active of this.rules) {
      if (active.remaining <= 0 || !matches(active.rule, method, path)) continue;
      active.remaining -= 1;
      if (active.rule.kind === 'latency') {
        decision.latencyMs += active.rule.latencyMs ?? 0;
        continue;
      }
      decision.rule = active.rule;
      break;
    }
    this.rules = this.rules.filter((active) => active.remaining > 0);
    return decision;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  const want = rule.match ?? {};
  if (want.method && want.method.toUpperCase() !== method.toUpperCase()) return false;
  if (!want.path) return true;
  return want.path.endsWith('*') ? path.startsWith(want.path.slice(0, -1)) : path === want.path;
}

/** Rules also arrive over HTTP from other processes, so a typo must fail loudly, not silently never match. */
function checkRule(rule: FaultRule): FaultRule {
  if (!rule || typeof rule !== 'object' || !KINDS.includes(rule.kind)) {
    throw new Error(`fault kind must be one of ${KINDS.join(', ')}`);
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    throw new Error('fault times must be a positive integer');
  }
  if (rule.kind === 'status' && !(Number.isInteger(rule.status) && (rule.status as number) >= 100)) {
    throw new Error('status fault needs an HTTP status');
  }
  if (rule.kind === 'apiError' && (rule.code === undefined || rule.message === undefined)) {
    throw new Error('apiError fault needs code and message');
  }
  if (rule.kind === 'missingField' && !rule.field) throw new Error('missingField fault needs field');
  if (rule.kind === 'patchData' && !(rule.data && typeof rule.data === 'object' && !Array.isArray(rule.data))) {
    throw new Error('patchData fault needs data (an object of fields)');
  }
  if (rule.textField !== undefined && rule.textField !== 'msg' && rule.textField !== 'message') throw new Error('textField must be msg or message');
  if (rule.kind === 'stringCode' && rule.code !== undefined && typeof rule.code !== 'string') throw new Error('stringCode fault code must be a string');
  if (rule.kind === 'latency' && !(typeof rule.latencyMs === 'number' && rule.latencyMs >= 0)) {
    throw new Error('latency fault needs latencyMs');
  }
  return { ...rule };
}
