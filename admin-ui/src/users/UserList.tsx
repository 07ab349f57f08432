import {
  CreateButton,
  DataTable,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  useCanAccess,
} from 'react-admin';
import { ROLE_LABELS, type Role } from '@privacy-desk/shared';

import type { UserRecord } from '../dataProvider';
import { roleChoices } from './inputs';
import { DeskDateField } from '../common/DeskDateField';

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search email or name" />,
  <SelectInput key="role" source="role" label="Role" choices={roleChoices} alwaysOn />,
  <NullableBooleanInput
    key="active"
    source="active"
    label="Status"
    trueLabel="Active"
    falseLabel="Deactivated"
    alwaysOn
  />,
];

const UserListActions = () => (
  <TopToolbar>
    <CreateButton label="New user" />
  </TopToolbar>
);

export const UserList = () => {
  const { canAccess: canEdit } = useCanAccess({ resource: 'users', action: 'edit' });
  return (
    <List
      title="Users"
      filters={userFilters}
      actions={<UserListActions />}
      sort={{ field: 'email', order: 'ASC' }}
      perPage={25}
    >
      <DataTable<UserRecord> rowClick={canEdit ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="email" label="Email" />
        <DataTable.Col source="name" label="Name" />
        <DataTable.Col
          source="role"
          label="Role"
          render={(record) => ROLE_LABELS[record.role as Role] ?? record.role}
        />
        <DataTable.Col
          source="active"
          label="Active"
          disableSort
          render={(record) => (record.active ? 'Yes' : 'No')}
        />
        <DataTable.Col
          source="mfaEnabled"
          label="Two-factor"
          disableSort
          render={(record) => (record.mfaEnabled ? 'On' : 'Off')}
        />
        <DataTable.Col
          source="locked"
          label="Sign-in"
          disableSort
          render={(record) => (record.locked ? 'An address is locked out' : 'Open')}
        />
        <DataTable.Col source="lastLoginAt" label="Last sign-in">
          <DeskDateField source="lastLoginAt" showTime emptyText="Never" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="Created">
          <DeskDateField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
