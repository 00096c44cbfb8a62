// SQLAllocHandle, SQLFreeHandle, SQLFreeStmt and the ODBC 2 allocation calls.
#include "driver/entry_trace.hpp"
#include "driver/handles.hpp"
#include "engine/session.hpp"
#include "engine/statement.hpp"

using namespace tb::driver;

namespace {

SQLRETURN alloc_handle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output) {
    if (!output) {
        // HY009 needs a handle to attach to; the input handle takes it.
        if (type == SQL_HANDLE_ENV) return SQL_ERROR;
        return guarded<Handle>(input, type == SQL_HANDLE_DBC ? HandleKind::Env : HandleKind::Dbc, [](Handle& h) {
            h.diag.add("HY009", "the output handle pointer is null");
            return SQLRETURN(SQL_ERROR);
        });
    }
    *output = SQL_NULL_HANDLE;
    switch (type) {
    case SQL_HANDLE_ENV: {
        auto* env = new (std::nothrow) Env();
        if (!env) return SQL_ERROR;
        register_handle(env);
        *output = env;
        return SQL_SUCCESS;
    }
    case SQL_HANDLE_DBC:
        return guarded<Env>(input, HandleKind::Env, [&](Env& env) {
            auto* dbc = new Dbc(&env);
            env.connections.insert(dbc);
            register_handle(dbc);
            *output = dbc;
            return SQLRETURN(SQL_SUCCESS);
        });
    case SQL_HANDLE_STMT:
        return guarded<Dbc>(input, HandleKind::Dbc, [&](Dbc& dbc) {
            if (!dbc.connected()) {
                dbc.diag.add("08003", "the connection is not open; connect before allocating a statement");
                return SQLRETURN(SQL_ERROR);
            }
            auto* stmt = new Stmt(&dbc);
            dbc.statements.insert(stmt);
            register_handle(stmt);
            *output = stmt;
            return SQLRETURN(SQL_SUCCESS);
        });
    case SQL_HANDLE_DESC:
        return guarded<Dbc>(input, HandleKind::Dbc, [&](Dbc& dbc) {
            if (!dbc.connected()) {
                dbc.diag.add("08003", "the connection is not open");
                return SQLRETURN(SQL_ERROR);
            }
            auto* desc = new Desc(DescKind::ARD, &dbc);
            desc->explicit_alloc = true;
            dbc.descriptors.insert(desc);
            register_handle(desc);
            *output = desc;
            return SQLRETURN(SQL_SUCCESS);
        });
    default:
        return SQL_ERROR;
    }
}

SQLRETURN free_handle(SQLSMALLINT type, SQLHANDLE handle) {
    switch (type) {
    case SQL_HANDLE_ENV: {
        Env* env = static_cast<Env*>(find_handle(handle, HandleKind::Env));
        if (!env) return SQL_INVALID_HANDLE;
        {
            std::lock_guard lock(env->mutex);
            env->diag.clear();
            if (!env->connections.empty()) {
                env->diag.add("HY010", "free every connection of the environment first");
                return SQL_ERROR;
            }
        }
        unregister_handle(env);
        delete env;
        return SQL_SUCCESS;
    }
    case SQL_HANDLE_DBC: {
        Dbc* dbc = static_cast<Dbc*>(find_handle(handle, HandleKind::Dbc));
        if (!dbc) return SQL_INVALID_HANDLE;
        {
            std::lock_guard lock(dbc->mutex);
            dbc->diag.clear();
            if (dbc->connected()) {
                dbc->diag.add("HY010", "disconnect before freeing the connection");
                return SQL_ERROR;
            }
        }
        unregister_handle(dbc);
        {
            std::lock_guard lock(dbc->env->mutex);
            dbc->env->connections.erase(dbc);
        }
        delete dbc;
        return SQL_SUCCESS;
    }
    case SQL_HANDLE_STMT: {
        Stmt* stmt = static_cast<Stmt*>(find_handle(handle, HandleKind::Stmt));
        if (!stmt) return SQL_INVALID_HANDLE;
        Dbc* dbc = stmt->dbc;
        std::lock_guard dbc_lock(dbc->mutex);
        // Its engine statement and cursor live on the session: wait for the
        // call of another statement (or of this one) that runs on it.
        Turn turn(dbc->turn, dbc, nullptr);
        if (find_handle(handle, HandleKind::Stmt) != stmt) return SQL_INVALID_HANDLE;   // freed meanwhile
        destroy_statement(stmt);
        return SQL_SUCCESS;
    }
    case SQL_HANDLE_DESC: {
        Desc* desc = static_cast<Desc*>(find_handle(handle, HandleKind::Desc));
        if (!desc) return SQL_INVALID_HANDLE;
        if (!desc->explicit_alloc) {
            std::lock_guard lock(desc->mutex);
            desc->diag.clear();
            desc->diag.add("HY017", "an implicitly allocated descriptor cannot be freed");
            return SQL_ERROR;
        }
        Dbc* dbc = desc->dbc;
        std::lock_guard dbc_lock(dbc->mutex);
        // No fetch or execute of a statement using it runs meanwhile.
        Turn turn(dbc->turn, dbc, nullptr);
        if (find_handle(handle, HandleKind::Desc) != desc) return SQL_INVALID_HANDLE;   // freed meanwhile
        retire_handle(desc, dbc->turn);
        // Statements using it fall back to their implicit descriptors.
        for (Stmt* s : dbc->statements) {
            if (s->ard == desc) s->ard = &s->implicit_ard;
            if (s->apd == desc) s->apd = &s->implicit_apd;
        }
        dbc->descriptors.erase(desc);
        delete desc;
        return SQL_SUCCESS;
    }
    default:
        return SQL_ERROR;
    }
}

} // namespace

TB_EXPORT SQLRETURN SQL_API SQLAllocHandle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE* output) {
    TB_ENTRY();
    return alloc_handle(type, input, output);
}

TB_EXPORT SQLRETURN SQL_API SQLFreeHandle(SQLSMALLINT type, SQLHANDLE handle) {
    TB_ENTRY();
    return free_handle(type, handle);
}

TB_EXPORT SQLRETURN SQL_API SQLFreeStmt(SQLHSTMT handle, SQLUSMALLINT option) {
    TB_ENTRY();
    if (option == SQL_DROP) return free_handle(SQL_HANDLE_STMT, handle);
    // SQL_CLOSE ends the cursor, a statement on the session's cache handle.
    return guarded_turn<Stmt>(handle, HandleKind::Stmt, [&](Stmt& stmt) {
        switch (option) {
        case SQL_CLOSE:
            stmt.close_cursor();
            stmt.reset_data_at_exec();
            break;
        case SQL_UNBIND:
            stmt.ard->records.clear();
            break;
        case SQL_RESET_PARAMS:
            stmt.apd->records.clear();
            stmt.ipd->records.clear();
            break;
        default:
            stmt.diag.add("HY092", "SQLFreeStmt option " + std::to_string(option) + " is not valid");
            return SQLRETURN(SQL_ERROR);
        }
        return SQLRETURN(SQL_SUCCESS);
    });
}
