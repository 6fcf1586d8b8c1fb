// The public face of the identity context: its facade, event types and DTO types.
export {};
