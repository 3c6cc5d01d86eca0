import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { ResumeAnswer } from '@app/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { wallScopeOf } from './wall-access';
import { WallStore } from '@app/persistence';

/** Changes per `resume` answer; a client that missed more asks again (`more: true`). */
export const CATCH_UP_PAGE = 2_000;
/** The most sequences a client may list as already seen. */
export const MAX_SEEN = 5_000;
/**
 * How long a transaction writing the outbox may stay open: a change can be committed (and
 * published) this long after a change with a higher sequence. The pipeline's batches and the
 * console's lifecycle steps take milliseconds to seconds.
 */
export const REORDER_MARGIN_MS = 60_000;

const resumeRequest = z.object({
  from: z.number().int().min(0),
  seen: z.array(z.number().int().min(0)).max(MAX_SEEN).default([]),
  after: z.number().int().min(0).optional(),
});

/**
 * Catch-up after a reconnection: the missed changes come from `signal_outbox`, filtered by what
 * the user may see now, never by what the client asks for. The client names the highest sequence
 * it has (`from`) and the sequences it already has (`seen`). Outbox sequences are allocated in
 * order but committed in any order, so a change with a lower sequence can be published after a
 * higher one: the server looks back from `from` to the last change that had settled
 * (`REORDER_MARGIN_MS` older) and sends everything above it that the client does not list.
 */
@Injectable()
export class WallCatchUp {
  constructor(@Inject(WallStore) private readonly store: WallStore) {}

  async resume(user: AuthenticatedUser, request: unknown): Promise<ResumeAnswer> {
    const scope = wallScopeOf(user);
    if (!scope) return { ok: false, error: `a ${user.role} has no wall` };
    const parsed = resumeRequest.safeParse(request);
    if (!parsed.success) {
      return {
        ok: false,
        error: `resume: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
      };
    }
    const { from, seen, after } = parsed.data;
    const sequence = await this.store.highWaterMark();
    const settled = await this.store.settledBefore(from, REORDER_MARGIN_MS);
    const lower = Math.max(settled, after ?? 0);
    const changes = await this.store.changesAfter({
      from: lower,
      except: seen.filter((s) => s > lower),
      departmentId: scope.departmentId,
      limit: CATCH_UP_PAGE + 1,
    });
    return {
      ok: true,
      sequence,
      changes: changes.slice(0, CATCH_UP_PAGE),
      more: changes.length > CATCH_UP_PAGE,
    };
  }
}
