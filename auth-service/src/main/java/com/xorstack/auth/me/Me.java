package com.xorstack.auth.me;

import java.util.List;

import org.jspecify.annotations.Nullable;

record Me(String id, @Nullable String username, @Nullable String email, List<String> roles) {
}
