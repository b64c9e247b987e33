GRANT SELECT ON TABLE orders TO reporting;
REVOKE GRANT OPTION FOR SELECT ON TABLE orders FROM reporting;
GRANT app_readwrite TO team_lead WITH ADMIN FALSE;
GRANT app_readwrite TO team_lead WITH INHERIT TRUE;
REVOKE ADMIN OPTION FOR app_readwrite FROM team_lead;
