/** The manifest contract (package.json's commands, views and context values), declared once. */
export { COMMANDS, NOT_IN_PALETTE, WRITE_COMMANDS, type CommandId, type CommandName } from './commands';
export { CONTEXT, VIEWS, type ContextValue, type ViewId } from './views';
