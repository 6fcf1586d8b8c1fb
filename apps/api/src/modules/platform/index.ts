// The public face of the platform context: its facade, event types and DTO types.
export {};
