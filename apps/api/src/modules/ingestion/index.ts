// The public face of the ingestion context: its facade, event types and DTO types.
export {};
