/** What the Admin API part of the Accounts view shows, built without VS Code (bare-Node tested). */
export * from './accountOrganizations';
export * from './accountTooltips';
export * from './adminNames';
export * from './details';
export * from './entityKey';
export * from './publishTasks';
export * from './startingPoint';
export * from './tooltips';
