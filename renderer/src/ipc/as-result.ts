import type { Result } from '../../../shared/errors';
import { toIpcError } from './ipc-error';

/** A core call as a `Result`, for components that show the refusal themselves (the signature dialog). */
export async function asResult<T>(action: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    return { ok: false, error: toIpcError(error).toData() };
  }
}
