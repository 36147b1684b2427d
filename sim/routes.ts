/**
 * The /api route table: method + path → the module that owns the endpoint.
 * Handlers return the envelope's `data` or throw an ApiError.
 */
import type { AssetStore } from './assets';
import type { MusicVideos } from './musicVideos';
import { modelPrice } from './pricing';
import type { VideoTasks } from './videoTasks';

export interface ApiCall {
  query: URLSearchParams;
  body: unknown;
}

export type ApiHandler = (call: ApiCall) => unknown;

export function apiRoutes(videos: VideoTasks, mvs: MusicVideos, assets: AssetStore): Map<string, ApiHandler> {
  return new Map<string, ApiHandler>([
    ['POST /api/v1/generation/text-to-video', ({ body }) => videos.submit('text-to-video', body)],
    ['POST /api/v1/generation/image-to-video', ({ body }) => videos.submit('image-to-video', body)],
    ['GET /api/v1/generation/task/query', ({ query }) => videos.query(query.get('task_id') ?? undefined)],
    ['POST /api/v1/project/create', ({ body }) => mvs.create(body)],
    ['POST /api/v1/trustee_mode/mv/submit', ({ body }) => mvs.submit(body)],
    ['GET /api/v1/trustee_mode/mv/query', ({ query }) => mvs.query(query.get('project_id') ?? undefined)],
    ['POST /api/v1/trustee_mode/mv/pay', ({ body }) => mvs.pay(body)],
    ['POST /api/v1/trustee_mode/mv/retry', ({ body }) => mvs.retry(body)],
    ['POST /api/v1/asset/get-presigned-url', ({ body }) => assets.presign(body)],
    ['POST /api/v1/asset/register', ({ body }) => assets.register(body)],
    ['POST /api/v1/payment/model-price', ({ body }) => modelPrice(body)],
  ]);
}
