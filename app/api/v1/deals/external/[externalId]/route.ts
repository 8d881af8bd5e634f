// PUT /deals/external/{externalId}: a thin route over the API wrapper (lib/api/handler.ts).
import { apiHandler } from "@/lib/api/handler";
import { endpoint } from "@/lib/api/endpoints";

export const PUT = apiHandler(endpoint("PUT", "/deals/external/{externalId}"));
