import type { WallChange } from '@app/contracts';
import { departmentRoom, SUPERVISORS_ROOM } from './wall-access';

/** The most changes one `signal` frame carries; a larger batch goes out in several frames. */
export const MAX_CHANGES_PER_FRAME = 500;

/** One socket.io frame: `signal` with its changes as arguments, to a room (less the sockets of `except`). */
export interface WallFrame {
  room: string;
  except?: string;
  changes: WallChange[];
}

/**
 * The frames for a batch of changes, one per room (split when longer than MAX_CHANGES_PER_FRAME):
 * every change to `supervisors`, each department's own to `department:<id>`, except the sockets
 * that are in `supervisors` too (a supervisor who joined a department's room), so that every socket
 * gets each change once. Changes keep their order within a frame.
 */
export function framesFor(changes: readonly WallChange[], maxPerFrame = MAX_CHANGES_PER_FRAME): WallFrame[] {
  if (changes.length === 0) return [];
  const byDepartment = new Map<string, WallChange[]>();
  for (const change of changes) {
    const departmentId = change.signal.departmentId;
    let own = byDepartment.get(departmentId);
    if (!own) byDepartment.set(departmentId, (own = []));
    own.push(change);
  }
  const frames: WallFrame[] = [];
  const add = (room: string, list: readonly WallChange[], except?: string) => {
    for (let start = 0; start < list.length; start += maxPerFrame) {
      const frame: WallFrame = { room, changes: list.slice(start, start + maxPerFrame) };
      if (except !== undefined) frame.except = except;
      frames.push(frame);
    }
  };
  add(SUPERVISORS_ROOM, changes);
  for (const [departmentId, own] of byDepartment) add(departmentRoom(departmentId), own, SUPERVISORS_ROOM);
  return frames;
}
