// The member being served: the context route gives the card and the visit.price inputs.
import * as api from './api.mjs';
import { state } from './ui.mjs';

export async function loadMember(memberId) {
  const ctx = await api.get(api.desk(`/members/${memberId}/context`));
  state.member = ctx;
  state.memberFetchedAt = performance.now();
  return ctx;
}

// The server's clock now, as the context told it plus the time since (the preview prices
// at the instant the server would).
export function serverNow() {
  return state.member.now_ms + Math.round(performance.now() - state.memberFetchedAt);
}
