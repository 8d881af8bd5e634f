// GET /accounts/{id}: a thin route over the API wrapper (lib/api/handler.ts).
import { apiHandler } from "@/lib/api/handler";
import { endpoint } from "@/lib/api/endpoints";

export const GET = apiHandler(endpoint("GET", "/accounts/{id}"));
