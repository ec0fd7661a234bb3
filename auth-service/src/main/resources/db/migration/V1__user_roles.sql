-- Mirror of the realm-role assignments made through auth-service, with who granted them.
create table user_roles (
    user_id    text        not null,
    role       text        not null check (role in ('user', 'moderator', 'admin')),
    granted_by text        not null,
    granted_at timestamptz not null default now(),
    primary key (user_id, role)
);
