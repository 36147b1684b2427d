/**
 * `POST /api/v1/payment/model-price` (giggle-api.md, "Price"). Seen in one
 * integration note only, so the simulator keeps it simple: a deterministic
 * per-second rate for each model, times the duration.
 */
import { secondsFor } from './giggleTable';
import { unitHash } from './clock';
import { invalid } from './envelope';
import { asBody, requiredString } from './validate';

export function modelPrice(raw: unknown): { price: number } {
  const body = asBody(raw);
  const modelId = requiredString(body, 'model');
  requiredString(body, 'generate_type');
  const seconds = secondsFor(modelId);
  if (!seconds) throw invalid(`model ${modelId} is not supported`);
  if (typeof body.duration !== 'number') throw invalid('duration must be a number');
  if (!seconds.includes(body.duration)) {
    throw invalid(`duration ${body.duration} is not supported by model ${modelId} (allowed: ${seconds.join(', ')})`);
  }
  return { price: creditsPerSecond(modelId) * body.duration };
}

/** 5 to 40 credits a second, in steps of 5, stable per model name. */
export function creditsPerSecond(modelId: string): number {
  return 5 * (1 + Math.floor(unitHash(modelId) * 8));
}
