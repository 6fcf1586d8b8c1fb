// The public face of the inventory context: its facade, event types and DTO types.
export {};
