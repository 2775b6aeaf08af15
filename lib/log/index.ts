export { createLogger, log, redactDeep, since, SECRET_FIELDS, type Logger } from "./logger";
