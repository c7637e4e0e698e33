/* CLua: Lua 5.4 for the LuaScripting target. No logic: only what Swift cannot
 * import (function-like macros, lua_error/longjmp paths, the count hook). */
#ifndef SWITCHBOARD_CLUA_SHIM_H
#define SWITCHBOARD_CLUA_SHIM_H
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>

/* LUA_REGISTRYINDEX is a macro expression Swift cannot import. */
static inline int shim_lua_registryindex(void) { return LUA_REGISTRYINDEX; }

/* A Swift function called from Lua. It returns the number of results it pushed,
 * or -1 after pushing an error message: the trampoline then raises the error,
 * so the longjmp never crosses a Swift frame. It returns SHIM_LUA_YIELD_REQUEST
 * to suspend the running coroutine (lua_yield, also a longjmp, likewise raised
 * here after the Swift frame returned); the values passed to the next
 * lua_resume become the function's results. */
typedef int (*shim_lua_swift_fn)(lua_State *L, void *context);

enum { SHIM_LUA_ERROR_REQUEST = -1, SHIM_LUA_YIELD_REQUEST = -2 };

/* Continues a Swift function that yielded: the driver resumed the coroutine with
 * the function's results followed by a boolean "failed" flag; when set, the value
 * below the flag is an error message, raised here at the caller's position. */
static inline int shim_lua_resume_continuation(lua_State *L, int status, lua_KContext base) {
    (void)status;
    int failed = lua_toboolean(L, -1);
    lua_settop(L, -2);
    if (failed) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return lua_gettop(L) - (int)base;
}

static inline int shim_lua_swift_trampoline(lua_State *L) {
    shim_lua_swift_fn fn = (shim_lua_swift_fn)lua_touserdata(L, lua_upvalueindex(1));
    void *context = lua_touserdata(L, lua_upvalueindex(2));
    int n = fn(L, context);
    if (n == SHIM_LUA_YIELD_REQUEST) {
        return lua_yieldk(L, 0, (lua_KContext)lua_gettop(L), shim_lua_resume_continuation);
    }
    if (n < 0) {
        luaL_where(L, 1);      /* "chunk:line: " of the Lua caller */
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return n;
}

static inline void shim_lua_push_swift_function(lua_State *L, shim_lua_swift_fn fn, void *context) {
    lua_pushlightuserdata(L, (void *)fn);
    lua_pushlightuserdata(L, context);
    lua_pushcclosure(L, shim_lua_swift_trampoline, 2);
}

/* Instruction budget (lua_sethook with LUA_MASKCOUNT). The budget lives in
 * memory owned by Swift; its address is kept in the state's extra space, which
 * coroutines created later inherit (lua_newthread copies it). */
typedef struct shim_lua_budget {
    long long limit;   /* instructions allowed per run; <= 0 means unlimited */
    long long used;
    int step;          /* hook period in instructions */
    int exceeded;
} shim_lua_budget;

static inline void shim_lua_budget_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    shim_lua_budget *b = *(shim_lua_budget **)lua_getextraspace(L);
    if (b == NULL || b->limit <= 0) return;
    b->used += b->step;
    if (b->used < b->limit) return;
    b->exceeded = 1;
    /* From now on fire on every instruction, so a pcall in the script cannot
     * swallow the abort and keep looping. */
    lua_sethook(L, shim_lua_budget_hook, LUA_MASKCOUNT, 1);
    b->step = 1;
    luaL_where(L, 0);   /* "chunk:line: " of the running Lua function */
    lua_pushstring(L, "instruction budget exceeded");
    lua_concat(L, 2);
    lua_error(L);
}

/* Attach (or, with NULL, detach) a budget and reset its counters. */
static inline void shim_lua_set_budget(lua_State *L, shim_lua_budget *b) {
    *(shim_lua_budget **)lua_getextraspace(L) = b;
    if (b == NULL || b->limit <= 0) {
        lua_sethook(L, NULL, 0, 0);
        return;
    }
    b->used = 0;
    b->exceeded = 0;
    b->step = b->limit < 1000 ? (int)b->limit : 1000;
    lua_sethook(L, shim_lua_budget_hook, LUA_MASKCOUNT, b->step);
}

/* Store the budget in the thread's extra space without touching its hook; threads
 * created later copy the main thread's extra space. */
static inline void shim_lua_budget_attach(lua_State *L, shim_lua_budget *b) {
    *(shim_lua_budget **)lua_getextraspace(L) = b;
}

/* Re-arm a budget's hook without resetting its count: a run that goes on after its
 * leg hung up shares one budget across resumes, so a loop of failing waits ends.
 * Every instruction is counted (step 1): such resumes are too short for a coarser
 * count hook to ever fire. */
static inline void shim_lua_continue_budget(lua_State *L, shim_lua_budget *b) {
    *(shim_lua_budget **)lua_getextraspace(L) = b;
    b->step = 1;
    lua_sethook(L, shim_lua_budget_hook, LUA_MASKCOUNT, 1);
}

/* lua_tostring / lua_pop / lua_newtable are macros. */
static inline void shim_lua_pop(lua_State *L, int n) { lua_settop(L, -(n) - 1); }
static inline void shim_lua_newtable(lua_State *L) { lua_createtable(L, 0, 0); }
static inline int shim_lua_upvalueindex(int i) { return lua_upvalueindex(i); }
#endif
