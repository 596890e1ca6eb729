import { users } from './schema';

/** What the API shows of a user: never the password hash. */
export const userViewColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

export type UserView = {
  id: string;
  email: string;
  name: string;
  role: (typeof users.$inferSelect)['role'];
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
};
