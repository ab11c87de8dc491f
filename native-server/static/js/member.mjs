// The member being served: the context route gives the card and the visit.price inputs.
import * as api from './api.mjs';
import { state } from './ui.mjs';

export async function loadMember(memberId) {
  const ctx = await api.get(api.desk(`/members/${memberId}/context`));
  const sameMember = state.member && state.member.member.id === ctx.member.id;
  const patients = ctx.patients || [];
  // Who is being seen: kept while serving the same member, else picked anew (preset when there is one).
  if (!sameMember || !patients.some((p) => p.id === state.patientId)) {
    state.patientId = patients.length === 1 ? patients[0].id : null;
  }
  state.member = ctx;
  state.memberFetchedAt = performance.now();
  return ctx;
}

// The server's clock now, as the context told it plus the time since (the preview prices
// at the instant the server would).
export function serverNow() {
  return state.member.now_ms + Math.round(performance.now() - state.memberFetchedAt);
}
