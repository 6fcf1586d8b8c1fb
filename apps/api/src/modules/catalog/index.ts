// The public face of the catalog context: its facade, event types and DTO types.
export {};
