import { Text } from '@tarojs/components';
import type * as Contract from './EChart';

/** No charts in the mini-program: the workbench is built into the H5 portal only. */
export const EChart: typeof Contract.EChart = ({ label }) => <Text>{label}</Text>;
