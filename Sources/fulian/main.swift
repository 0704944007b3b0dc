print("fulian")
