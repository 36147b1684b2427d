// Placeholder until the panel lands (replaced by the generator panel's author).
import type { GiggleContext } from '../context';
export function openGenerator(_ctx: GiggleContext): void {}
export function generateVideoFromImage(_ctx: GiggleContext): void {}
