// The STRING payment message model.
