package com.xorstack.auth.system;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.xorstack.platform.web.ApiProblemHandler;

@RestControllerAdvice
class ProblemAdvice extends ApiProblemHandler {

}
