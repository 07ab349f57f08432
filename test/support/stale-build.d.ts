export interface FileTime {
  path: string;
  mtimeMs: number;
}

export interface BuildTargetTimes {
  output: string;
  outputFiles: FileTime[];
  sourceFiles: FileTime[];
}

export const BUILD_TARGETS: { output: string; sources: string[] }[];
export function staleBuildMessage(targets: BuildTargetTimes[]): string | undefined;
export function readBuildTargets(root: string): BuildTargetTimes[];
