// org_id on every row that belongs to an organisation (migration 11, issue 18: so distributing
// the tables by organisation needs no schema change). A write path fills it in the INSERT itself
// from the owning clinic or member: `param` names the statement's parameter holding that id
// ("?1" on SQLite, "$1" on PostgreSQL).
#pragma once

#define ORG_OF_CLINIC(param) "(SELECT org_id FROM clinics WHERE id = " param ")"
#define ORG_OF_MEMBER(param) "(SELECT org_id FROM members WHERE id = " param ")"
