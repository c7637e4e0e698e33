-- directory_lookup.lua: look a caller-entered extension up in Switchboard's directory (SQLite) and
-- transfer to it, using freeswitch.Dbh.
--
--   <action application="lua" data="directory_lookup.lua /var/lib/switchboard/directory.sqlite example.com"/>
--
-- argv[1]: the directory database file (else the global directory_db);
-- argv[2]: the domain (else the channel's domain_name, else the global domain).
-- Table used: users (id, domain, display_name, cid_name, ...), see Sources/Directory/DirectorySchema.swift.

local function log(level, text)
  freeswitch.consoleLog(level, "directory_lookup: " .. text .. "\n")
end

local db_path = argv[1] or freeswitch.getGlobalVariable("directory_db")
local domain = argv[2] or session:getVariable("domain_name") or freeswitch.getGlobalVariable("domain")
if not db_path or not domain then
  log("err", "usage: directory_lookup.lua <database file> <domain>")
  return
end

local dbh = freeswitch.Dbh("sqlite://" .. db_path)
if not dbh:connected() then
  log("err", "cannot open " .. db_path)
  return
end

session:answer()
local ext = session:playAndGetDigits(3, 5, 3, 5000, "#", "ivr/please_enter_extension.wav",
  "ivr/invalid_entry.wav", "^\\d{3,5}$", "lookup_extension", 3000)

local user = nil
if ext ~= "" then
  -- ext is digits only (checked by the regex); the domain is quoted.
  local sql = string.format("SELECT id, display_name, cid_name FROM users WHERE id = '%s' AND domain = '%s'",
    ext, domain:gsub("'", "''"))
  dbh:query(sql, function(row)
    user = row
    return 1
  end)
end
dbh:release()

if user then
  local name = user.display_name ~= "" and user.display_name or user.cid_name
  log("info", "found " .. user.id .. " (" .. name .. ")")
  session:setVariable("lookup_name", name)
  session:say(user.id, "en", "number", "iterated")
  session:streamFile("ivr/please_hold.wav")
  session:transfer(user.id, "XML", "default")
else
  log("info", "no user " .. ext .. "@" .. domain)
  session:streamFile("ivr/not_available.wav")
  session:streamFile("ivr/goodbye.wav")
  session:hangup("UNALLOCATED_NUMBER")
end
