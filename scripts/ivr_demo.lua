-- ivr_demo.lua: a FreeSWITCH-style demo IVR, written against the documented mod_lua session API only.
--
--   <action application="lua" data="ivr_demo.lua"/>
--
-- Menu: 1 echo test, 2 music on hold, 3 dial an extension (transferred in XML/default), 9 repeat the menu.
-- Invalid entries and timeouts replay the menu; after three the caller hears goodbye and is hung up.
-- No recorded menu prompt ships with Switchboard, so the menu prompt is a short two-tone beep unless the
-- channel variable ivr_menu_prompt names a file.

local max_failures = 3
local menu_prompt = session:getVariable("ivr_menu_prompt") or "tone_stream://%(250,50,440);%(250,0,480)"

local function log(level, text)
  freeswitch.consoleLog(level, "ivr_demo: " .. text .. "\n")
end

-- Hangup hooks are named by a global, as in FreeSWITCH.
function ivr_demo_hangup(s, why)
  log("info", "caller left the menu (" .. why .. ")")
end
session:setHangupHook("ivr_demo_hangup")

-- Returns the extension the caller entered, or nil.
local function collect_extension()
  local ext = session:playAndGetDigits(3, 5, 3, 5000, "#", "ivr/please_enter_extension.wav",
    "ivr/invalid_entry.wav", "^\\d{3,5}$", "ivr_extension", 3000)
  if ext == "" then return nil end
  return ext
end

session:answer()
session:sleep(500)
session:streamFile("ivr/welcome.wav")

local failures = 0
while session:ready() and failures < max_failures do
  local choice = session:playAndGetDigits(1, 1, 1, 5000, "", menu_prompt, "", "^[1239]$", "ivr_choice")
  if not session:ready() then break end
  if choice == "1" then
    log("info", "echo test")
    session:execute("echo")
  elseif choice == "2" then
    log("info", "music on hold")
    session:execute("playback", "music/hold_loop.wav")
  elseif choice == "3" then
    local ext = collect_extension()
    if ext then
      log("info", "transferring to " .. ext)
      session:streamFile("ivr/please_hold.wav")
      session:transfer(ext, "XML", "default")
      return
    end
    failures = failures + 1
  elseif choice == "9" then
    log("info", "repeating the menu")
  else
    failures = failures + 1
    if session:getVariable("read_result") == "timeout" then
      log("info", "no choice made (" .. failures .. "/" .. max_failures .. ")")
    else
      log("info", "invalid choice " .. tostring(session:getVariable("ivr_choice_invalid")))
      session:streamFile("ivr/invalid_entry.wav")
    end
  end
end

if session:ready() then
  session:streamFile("ivr/goodbye.wav")
  session:hangup("NORMAL_CLEARING")
end
