// The ritual a move or removal names, loaded with what the permission check needs (lib/domain/rhythm.ts).
import type { ActionObject } from "@/lib/actions/safe-action";
import { canEditRhythm } from "@/lib/domain/rhythm";

export interface RitualObject {
  id: string;
  managerId: string;
  teamId: string;
  ritual: string;
  weekday: number;
}

export const ritualObject: ActionObject<RitualObject> = {
  key: "ritualId",
  label: "Ritual",
  load: (id, db) => db.rhythmRitual.findUnique({ where: { id }, select: { id: true, managerId: true, teamId: true, ritual: true, weekday: true } }),
  can: (actor, ritual) => canEditRhythm(actor, ritual),
};
