export function checkBuildAt(root: string): void;
export default function checkBuild(): void;
