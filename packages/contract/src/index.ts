// The wire contract: filled in by the schemas of the API's requests and responses.
export {};
