// The pipeline stages in order, as every deal screen and the inspection need them (one small query).
import { prisma } from "@/lib/db";

export interface StageInfo {
  id: string;
  name: string;
  order: number;
  probability: number;
  staleThresholdDays: number | null;
  isLateStage: boolean;
}

export async function listStages(db: Pick<typeof prisma, "pipelineStage"> = prisma): Promise<StageInfo[]> {
  return db.pipelineStage.findMany({
    orderBy: { order: "asc" },
    select: { id: true, name: true, order: true, probability: true, staleThresholdDays: true, isLateStage: true },
  });
}
