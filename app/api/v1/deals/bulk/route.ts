// POST /deals/bulk: a thin route over the API wrapper (lib/api/handler.ts).
import { apiHandler } from "@/lib/api/handler";
import { endpoint } from "@/lib/api/endpoints";

export const POST = apiHandler(endpoint("POST", "/deals/bulk"));
