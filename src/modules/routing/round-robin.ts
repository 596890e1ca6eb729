/**
 * Weighted round robin, the smooth kind (as nginx balances upstreams): every pick adds each
 * eligible member's weight to their running credit, the member with the most credit gets the lead
 * and pays the total back. Over any stretch the picks match the weights exactly (± one pick), and
 * heavy members are spread out rather than bunched.
 *
 * A member who is unavailable is simply not eligible: their credit neither grows nor shrinks, so
 * a rep whose turn it was gets the next lead when they are back — the turn is kept, not lost, and
 * not piled up either.
 */
export type RoundRobinMember = { userId: string; weight: number; credit: number };

export type RoundRobinPick = { userId: string; credits: Map<string, number> };

export function pickNext(members: RoundRobinMember[], eligible: (userId: string) => boolean): RoundRobinPick | null {
  const candidates = members.filter((member) => member.weight > 0 && eligible(member.userId));
  if (candidates.length === 0) return null;
  const credits = new Map(members.map((member) => [member.userId, member.credit]));
  let total = 0;
  let best: RoundRobinMember | undefined;
  let bestCredit = Number.NEGATIVE_INFINITY;
  for (const member of candidates) {
    const credit = member.credit + member.weight;
    credits.set(member.userId, credit);
    total += member.weight;
    // Ties go to the earlier member (members come in a stable order: by user id).
    if (credit > bestCredit) {
      best = member;
      bestCredit = credit;
    }
  }
  credits.set(best!.userId, bestCredit - total);
  return { userId: best!.userId, credits };
}
