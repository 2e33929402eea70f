/** Where the worker listens and keeps its history unless told otherwise. */
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 4400;
export const DEFAULT_DB_FILE = ".milo/milo.db";
